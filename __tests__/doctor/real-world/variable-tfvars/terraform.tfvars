http_tokens = "required"

container = <<EOF
{
  "image": "public.ecr.aws/docker/library/busybox:1.36",
  "command": ["echo", "hello"],
  "resourceRequirements": [
    { "type": "VCPU", "value": "1" },
    { "type": "MEMORY", "value": "2048" }
  ]
}
EOF
