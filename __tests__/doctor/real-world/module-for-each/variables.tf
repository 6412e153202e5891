variable "name" {
  description = "Prefix of every name."
  type        = string
}

variable "compute" {
  description = "One compute environment and queue per entry."
  type = object({
    instance_types = list(string)
    max_vcpus      = optional(number, 16)
  })
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}
