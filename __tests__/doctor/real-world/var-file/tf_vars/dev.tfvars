stage      = "dev"
max_vcpus  = 16
job_vcpus  = 2
job_memory = 4096
