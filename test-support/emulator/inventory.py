"""
What exists in the emulator, as an AWS user would list it through the public
APIs, for the resource kinds this project's stacks create. Prints JSON:
{"batch:compute-environment": ["arn:..."], "ec2:vpc": ["vpc-..."], ...}

    python3 inventory.py http://127.0.0.1:41234 ap-northeast-1

serve.py answers the same at GET /_emulator/inventory?region=ap-northeast-1,
from inside the emulator (no Python start per call).

Left out, as in AWS after a destroy: the AWSServiceRoleForBatch
service-linked role (Batch creates it and never deletes it), AWS managed
policies and aliases, KMS keys pending deletion (the provider schedules their
deletion), deregistered job definitions, deleted NAT gateways and endpoints,
terminated instances.
"""
import functools
import json
import sys

import boto3


@functools.cache
def _client(endpoint: str, region: str, service: str):  # type: ignore[no-untyped-def]
    return boto3.client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id="AKIAFAKEEMULATOR0000", aws_secret_access_key="fake")


def inventory(endpoint: str, region: str) -> dict[str, list[str]]:
    def client(service: str):  # type: ignore[no-untyped-def]
        return _client(endpoint, region, service)

    def pages(service: str, operation: str, key: str, **kwargs):  # type: ignore[no-untyped-def]
        c = client(service)
        if c.can_paginate(operation):
            for page in c.get_paginator(operation).paginate(**kwargs):
                yield from page.get(key, [])
        else:
            yield from getattr(c, operation)(**kwargs).get(key, [])

    batch, ec2, iam = "batch", "ec2", "iam"
    found = {
        "batch:compute-environment": [e["computeEnvironmentArn"] for e in pages(batch, "describe_compute_environments", "computeEnvironments")],
        "batch:job-queue": [q["jobQueueArn"] for q in pages(batch, "describe_job_queues", "jobQueues")],
        "batch:job-definition": [d["jobDefinitionArn"] for d in pages(batch, "describe_job_definitions", "jobDefinitions", status="ACTIVE")],
        "batch:scheduling-policy": [p["arn"] for p in pages(batch, "list_scheduling_policies", "schedulingPolicies")],
        "ec2:vpc": [v["VpcId"] for v in pages(ec2, "describe_vpcs", "Vpcs")],
        "ec2:subnet": [s["SubnetId"] for s in pages(ec2, "describe_subnets", "Subnets")],
        "ec2:security-group": [g["GroupId"] for g in pages(ec2, "describe_security_groups", "SecurityGroups")],
        "ec2:route-table": [t["RouteTableId"] for t in pages(ec2, "describe_route_tables", "RouteTables")],
        "ec2:internet-gateway": [g["InternetGatewayId"] for g in pages(ec2, "describe_internet_gateways", "InternetGateways")],
        "ec2:nat-gateway": [g["NatGatewayId"] for g in pages(ec2, "describe_nat_gateways", "NatGateways") if g["State"] not in ("deleted", "deleting")],
        "ec2:elastic-ip": [a["AllocationId"] for a in pages(ec2, "describe_addresses", "Addresses")],
        "ec2:vpc-endpoint": [e["VpcEndpointId"] for e in pages(ec2, "describe_vpc_endpoints", "VpcEndpoints") if e["State"].lower() not in ("deleted", "deleting")],
        "ec2:launch-template": [t["LaunchTemplateId"] for t in pages(ec2, "describe_launch_templates", "LaunchTemplates")],
        "ec2:instance": [
            i["InstanceId"] for r in pages(ec2, "describe_instances", "Reservations") for i in r["Instances"] if i["State"]["Name"] not in ("terminated", "shutting-down")
        ],
        "iam:role": [r["Arn"] for r in pages(iam, "list_roles", "Roles") if not r["Path"].startswith("/aws-service-role/")],
        "iam:policy": [p["Arn"] for p in pages(iam, "list_policies", "Policies", Scope="Local")],
        "iam:instance-profile": [p["Arn"] for p in pages(iam, "list_instance_profiles", "InstanceProfiles")],
        "iam:oidc-provider": [p["Arn"] for p in client(iam).list_open_id_connect_providers()["OpenIDConnectProviderList"]],
        "logs:log-group": [g["logGroupName"] for g in pages("logs", "describe_log_groups", "logGroups")],
        "s3:bucket": [b["Name"] for b in client("s3").list_buckets()["Buckets"]],
        "sns:topic": [t["TopicArn"] for t in pages("sns", "list_topics", "Topics")],
        "sns:subscription": [s["SubscriptionArn"] for s in pages("sns", "list_subscriptions", "Subscriptions")],
        "sqs:queue": client("sqs").list_queues().get("QueueUrls", []),
        "kms:key": [
            k["KeyId"]
            for k in pages("kms", "list_keys", "Keys")
            if (meta := client("kms").describe_key(KeyId=k["KeyId"])["KeyMetadata"])["KeyManager"] == "CUSTOMER" and meta["KeyState"] != "PendingDeletion"
        ],
        "kms:alias": [a["AliasName"] for a in pages("kms", "list_aliases", "Aliases") if not a["AliasName"].startswith("alias/aws/")],
        "events:rule": [r["Arn"] for r in pages("events", "list_rules", "Rules")],
        "cloudwatch:alarm": [a["AlarmArn"] for a in pages("cloudwatch", "describe_alarms", "MetricAlarms")],
        "scheduler:schedule": [s["Arn"] for s in pages("scheduler", "list_schedules", "Schedules")],
        "efs:file-system": [f["FileSystemId"] for f in pages("efs", "describe_file_systems", "FileSystems")],
        "efs:mount-target": [
            m["MountTargetId"] for f in pages("efs", "describe_file_systems", "FileSystems") for m in pages("efs", "describe_mount_targets", "MountTargets", FileSystemId=f["FileSystemId"])
        ],
        "efs:access-point": [a["AccessPointId"] for a in pages("efs", "describe_access_points", "AccessPoints")],
        **placement_groups(client("ec2")),
    }
    return {kind: sorted(ids) for kind, ids in found.items()}


def placement_groups(ec2) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """ec2:placement-group, where the emulator answers DescribePlacementGroups (the placement-groups correction; raw moto fails every call)."""
    try:
        return {"ec2:placement-group": [g["GroupName"] for g in ec2.describe_placement_groups()["PlacementGroups"]]}
    except Exception:  # noqa: BLE001 - raw moto answers with an HTML 500 page, which botocore cannot parse
        return {}


if __name__ == "__main__":
    print(json.dumps(inventory(sys.argv[1], sys.argv[2])))
