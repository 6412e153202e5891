# Root: a security group created only when the caller passes none, and the
# Batch module called with count (on by default).
variable "security_group_ids" {
  type    = list(string)
  default = [""]
}

variable "enabled" {
  type    = bool
  default = true
}

variable "name" {
  type    = string
  default = "bioanalyze"
}

resource "aws_vpc" "main" {
  cidr_block           = "10.30.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.30.0.0/24"
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.30.1.0/24"
}

resource "aws_eip" "nat" {
  domain     = "vpc"
  depends_on = [aws_internet_gateway.main]
}

resource "aws_nat_gateway" "main" {
  subnet_id     = aws_subnet.public.id
  allocation_id = aws_eip.nat.id
  depends_on    = [aws_internet_gateway.main]
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main.id
  }
}

resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}

# Created only when no group was passed in; SSH open to the world.
resource "aws_security_group" "batch" {
  count       = var.security_group_ids[0] == "" ? 1 : 0
  name_prefix = "${var.name}-batch-"
  vpc_id      = aws_vpc.main.id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

locals {
  security_group_ids = var.security_group_ids[0] == "" ? [aws_security_group.batch[0].id] : var.security_group_ids
}

module "batch" {
  source = "./modules/batch"
  count  = var.enabled ? 1 : 0

  name               = var.name
  subnet_ids         = [aws_subnet.private.id]
  security_group_ids = local.security_group_ids
  instance_types     = ["c5.large"]
}
