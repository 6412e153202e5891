variable "name" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

variable "instance_types" {
  type    = list(string)
  default = ["optimal"]
}

variable "max_vcpus" {
  type    = number
  default = 64
}
