variable "http_tokens" {
  description = "IMDS token setting of the instances."
  type        = string
  default     = "optional"
}

variable "container" {
  description = "container_properties of the job definition."
  type        = string
  default     = <<EOF
{
  "image": "public.ecr.aws/docker/library/busybox:1.36",
  "command": ["echo", "hello"],
  "vcpus": 1,
  "memory": 2048
}
EOF
}

variable "max_vcpus" {
  type    = number
  default = 32
}
