"""
Starts moto's server, with the corrections of corrections.py, on a loopback
port, and runs until its standard input closes (the parent process exits or
closes it) or it receives SIGTERM/SIGINT. Prints one JSON line when ready:

    {"ready": true, "port": 41234, "corrections": ["service-linked-role", ...]}

    python3 serve.py [--port 0] [--raw | --only name,name] [--seed JSON] [--fail-jobs] [--detach]

--raw          moto as installed, no corrections (the tests compare the two)
--seed JSON    a network that already exists in the account, with fixed IDs:
               {"region": "ap-northeast-1", "vpcCidr": "10.99.0.0/16",
                "subnets": ["subnet-..."], "securityGroups": ["sg-..."]}
--fail-jobs    every submitted job ends FAILED instead of SUCCEEDED
--detach       ignore stdin: run until SIGTERM (the sandbox keeps one between commands)

GET /_emulator/inventory?region=R answers inventory.py's listing from inside
the emulator (not an AWS API; used to check that a destroy leaves nothing).

Jobs run in moto's docker-less Batch ("batch": {"use_docker": false}, the
moto_batch_simple backend): a submitted job is SUCCEEDED at once (FAILED with
--fail-jobs, moto's MOTO_SIMPLE_BATCH_FAIL_AFTER=0). Nothing is executed.
"""
import argparse
import json
import os
import signal
import sys
import threading
from urllib.parse import parse_qs

# Read by moto when its IAM backend is created: AWS managed policies
# (AmazonEC2ContainerServiceforEC2Role, ...) exist and can be attached.
os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import corrections  # noqa: E402
import inventory  # noqa: E402
import moto.ec2.models.security_groups as ec2_security_groups  # noqa: E402
import moto.ec2.models.subnets as ec2_subnets  # noqa: E402
from moto.core.models import default_user_config  # noqa: E402
from moto.ec2.models import ec2_backends  # noqa: E402
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

ACCOUNT = "123456789012"  # moto's default account, and the accountId of every config here


def seed_network(spec: dict) -> None:
    """Creates a VPC, subnets and security groups with exactly the given IDs (moto otherwise draws random ones)."""
    ec2 = ec2_backends[ACCOUNT][spec["region"]]
    vpc = ec2.create_vpc(spec.get("vpcCidr", "10.99.0.0/16"))
    zones = [z.name for z in ec2.describe_availability_zones()]
    base = vpc.cidr_block.split(".")
    draw_subnet, draw_group = ec2_subnets.random_subnet_id, ec2_security_groups.random_security_group_id
    try:
        for i, subnet_id in enumerate(spec.get("subnets", [])):
            ec2_subnets.random_subnet_id = lambda subnet_id=subnet_id: subnet_id
            ec2.create_subnet(vpc.id, f"{base[0]}.{base[1]}.{i}.0/24", availability_zone=zones[i % len(zones)])
        for group_id in spec.get("securityGroups", []):
            ec2_security_groups.random_security_group_id = lambda group_id=group_id: group_id
            ec2.create_security_group(f"seed-{group_id}", "pre-existing security group", vpc_id=vpc.id)
    finally:
        ec2_subnets.random_subnet_id, ec2_security_groups.random_security_group_id = draw_subnet, draw_group


def with_inventory(app, endpoint: list[str]):  # type: ignore[no-untyped-def]
    """moto's WSGI app, plus GET /_emulator/inventory (the listing runs boto3 against this same server)."""

    def wsgi(environ, start_response):  # type: ignore[no-untyped-def]
        if environ.get("PATH_INFO") != "/_emulator/inventory":
            return app(environ, start_response)
        region = parse_qs(environ.get("QUERY_STRING", "")).get("region", ["us-east-1"])[0]
        body = json.dumps(inventory.inventory(endpoint[0], region)).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    return wsgi


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--raw", action="store_true")
    parser.add_argument("--only")
    parser.add_argument("--seed")
    parser.add_argument("--fail-jobs", action="store_true")
    parser.add_argument("--detach", action="store_true")
    parser.add_argument("--warm-region", default="ap-northeast-1")
    args = parser.parse_args()

    applied = [] if args.raw else corrections.apply_all(args.only.split(",") if args.only else None)
    default_user_config["batch"] = {"use_docker": False}
    if args.fail_jobs:
        os.environ["MOTO_SIMPLE_BATCH_FAIL_AFTER"] = "0"
    else:
        os.environ.pop("MOTO_SIMPLE_BATCH_FAIL_AFTER", None)
    if args.seed:
        seed_network(json.loads(args.seed))

    endpoint: list[str] = []
    server = make_server(args.host, args.port, with_inventory(DomainDispatcherApplication(create_backend_app), endpoint), threaded=True)
    endpoint.append(f"http://{args.host}:{server.server_port}")
    stop = lambda *_: threading.Thread(target=server.shutdown, daemon=True).start()  # noqa: E731
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    def watch_stdin() -> None:
        while sys.stdin.buffer.read(1024):
            pass
        stop()

    if not args.detach:
        threading.Thread(target=watch_stdin, daemon=True).start()
    print(json.dumps({"ready": True, "port": server.server_port, "corrections": applied}), flush=True)
    # The first listing loads boto3's service models (seconds); do it while the caller gets going.
    threading.Thread(target=lambda: inventory.inventory(endpoint[0], args.warm_region), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
