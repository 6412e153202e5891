#!/bin/bash
# Boot script of the Batch workers: join the ECS cluster, prepare the database extension.
echo ECS_CLUSTER_NAME_PREFIX=workers-${stage} >> /etc/ecs/ecs.config
export PGPASSWORD=${database_password}
psql -h "${database_host}" -U "${database_user}" -c 'CREATE EXTENSION IF NOT EXISTS hstore;'
