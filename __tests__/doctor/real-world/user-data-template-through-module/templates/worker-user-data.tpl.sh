MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="==BOUNDARY=="

--==BOUNDARY==
Content-Type: text/x-shellscript; charset="us-ascii"

#!/bin/bash
echo ECS_CLUSTER=${cluster} >> /etc/ecs/ecs.config
PGPASSWORD=${database_password} psql -h "${database_host}" -U worker -c 'CREATE EXTENSION IF NOT EXISTS hstore;'

--==BOUNDARY==--
