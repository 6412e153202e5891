{
  "image": "${image}",
  "command": ["nextflow", "run", "hello"],
  "executionRoleArn": "${execution_role_arn}",
  "resourceRequirements": [
    { "type": "VCPU", "value": "1" },
    { "type": "MEMORY", "value": "2048" }
  ]
}
