variable "docker_registry_url" {
  type = string
}

variable "project_version" {
  type = string
}

variable "batch_job_queue_id" {
  type = string
}

resource "aws_batch_job_definition" "monthly_heatmap" {
  name = "monthly_heatmap"
  type = "container"

  container_properties = <<CONTAINER_PROPERTIES
{
    "image": "${var.docker_registry_url}/generate-heatmaps:${var.project_version}",
    "memory": 60000,
    "vcpus": 1,
    "environment": [
        {"name": "JAVA_OPTS", "value": "-Xmx58g"}
    ],
    "command": ["-d", "Ref::distance_threshold", "--year", "Ref::year", "--month", "Ref::month"],
    "volumes": [],
    "environment": [],
    "mountPoints": [],
    "resourceRequirements": []
}
CONTAINER_PROPERTIES
}

resource "aws_batch_job_definition" "aggregate_heatmap" {
  name = "aggregate_heatmap"
  type = "container"

  container_properties = <<CONTAINER_PROPERTIES
{
    "image": "${var.docker_registry_url}/aggregate-heatmaps:${var.project_version}",
    "memory": 60000,
    "vcpus": 1,
    "environment": [
        {"name": "JAVA_OPTS", "value": "-Xmx58g"}
    ],
    "command": ["-b", "Ref::heatmaps_store"],
    "environment": [],
    "ulimits": []
}
CONTAINER_PROPERTIES
}
