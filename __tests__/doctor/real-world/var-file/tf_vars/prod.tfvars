stage      = "prod"
max_vcpus  = 4
job_vcpus  = 8
job_memory = 16384
