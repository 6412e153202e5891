variable "compute_environments" {
  type = map(object({
    name_prefix         = string
    type                = optional(string, "EC2")
    allocation_strategy = optional(string, "BEST_FIT_PROGRESSIVE")
    instance_type       = optional(list(string), ["optimal"])
    max_vcpus           = optional(number, 16)
  }))
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}
