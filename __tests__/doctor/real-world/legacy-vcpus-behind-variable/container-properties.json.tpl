{
  "image": "${image}",
  "command": ["sleep", "30"],
  "vcpus": 1,
  "memory": 1024
}
