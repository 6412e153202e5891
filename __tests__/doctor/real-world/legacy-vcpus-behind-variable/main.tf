variable "job_name" {
  type    = string
  default = "first-run-job-definition"
}

variable "container" {
  type    = string
  default = <<CONTAINER_PROPERTIES
{
  "command": ["echo", "hello world"],
  "environment": [],
  "image": "busybox",
  "memory": 2000,
  "mountPoints": [],
  "resourceRequirements": [],
  "ulimits": [],
  "vcpus": 2,
  "volumes": []
}
CONTAINER_PROPERTIES
}

resource "aws_batch_job_definition" "batch" {
  name                 = var.job_name
  type                 = "container"
  container_properties = var.container
}

resource "aws_batch_job_definition" "templated" {
  name = "templated-job"
  type = "container"
  container_properties = templatefile("${path.module}/container-properties.json.tpl", {
    image = "public.ecr.aws/docker/library/busybox:1.36"
  })
}
