# No defaults: each stage passes its own file with -var-file.
variable "stage" {
  type = string
}

variable "max_vcpus" {
  type = number
}

variable "job_vcpus" {
  type = number
}

variable "job_memory" {
  type = number
}
