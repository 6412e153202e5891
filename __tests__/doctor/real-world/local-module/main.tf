# Root module: the network, and the compute environment from a local module.
variable "name" {
  type    = string
  default = "genomics"
}

resource "aws_vpc" "main" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.20.0.0/24"
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.20.1.0/24"
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

# The group the compute environment gets: no egress rule at all (Terraform
# removes the default allow-all egress of a group it creates).
resource "aws_security_group" "batch" {
  name_prefix = "${var.name}-batch-"
  vpc_id      = aws_vpc.main.id
}

module "compute" {
  source = "./modules/compute"

  name               = var.name
  subnet_ids         = [aws_subnet.private.id]
  security_group_ids = [aws_security_group.batch.id]
  instance_types     = ["m5.large", "r5.large"]
}
