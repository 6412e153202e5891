variable "type" {
  type    = string
  default = "FARGATE"
}

variable "image" {
  type    = string
  default = "public.ecr.aws/docker/library/python:3.12-slim"
}
