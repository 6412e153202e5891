"""
Corrections to moto 5.2.1 where it deviates from AWS in ways that break or
falsify an apply of this project's stacks. Each correction wraps one moto
method (no moto code is copied), follows AWS's documented behaviour (the API
reference page is named in its docstring and in README.md; the facts in
docs/aws-batch-facts.md#applying-against-an-emulator), and is tested against
raw moto in __tests__/apply/corrections.test.ts.

A correction may only make the emulator behave *more* like AWS: it never
accepts something AWS refuses. Where AWS documents a rule but not the exact
error text, the emulator answers with AWS's documented error type
(ClientException) and a message that names the rule.

    import corrections
    corrections.apply_all()      # before moto's server handles a request
"""
import json
from collections.abc import Callable
from typing import Any

import moto
from moto.batch.exceptions import ClientException
from moto.batch.models import BatchBackend, Job, JobDefinition, JobQueue
from moto.batch.responses import BatchResponse
from moto.core.responses import ActionResult, EmptyResult
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models.launch_templates import LaunchTemplateBackend
from moto.ec2.responses import EC2Response
from moto.efs.exceptions import FileSystemNotFound
from moto.efs.responses import EFSResponse
from moto.moto_api._internal import mock_random

# The methods below are wrapped by name; a moto with other internals must be
# checked before these corrections are trusted on it.
SUPPORTED_MOTO = "5.2."

# https://docs.aws.amazon.com/batch/latest/userguide/using-service-linked-roles.html
SERVICE_LINKED_ROLE_NAME = "AWSServiceRoleForBatch"
SERVICE_LINKED_ROLE_PATH = "/aws-service-role/batch.amazonaws.com/"

# Allocation strategies that allow infrastructure updates
# (https://docs.aws.amazon.com/batch/latest/userguide/infrastructure-updates.html).
UPDATABLE_STRATEGIES = {"BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED", "SPOT_PRICE_CAPACITY_OPTIMIZED"}
# Settings whose change is a scaling update, allowed on any compute environment
# (https://docs.aws.amazon.com/batch/latest/userguide/scaling-updates.html).
SCALING_SETTINGS = {"desiredvCpus", "maxvCpus", "minvCpus"}
FARGATE_SCALING_SETTINGS = SCALING_SETTINGS | {"subnets", "securityGroupIds"}
# Batch's own answer to anything else on a Fargate environment, updatePolicy included
# (https://docs.aws.amazon.com/batch/latest/userguide/updating-compute-environments.html;
# the text as reported in https://github.com/aws/aws-cdk/issues/27054).
FARGATE_NOT_UPDATABLE = (
    "The following parameters can't be updated for Fargate compute environment: allocationStrategy, bidPercentage, "
    "ec2Configuration, ec2KeyPair, imageId, instanceRole, instanceTypes, launchTemplate, placementGroup, tags, type, "
    "updatePolicy, updateToLatestImageVersion."
)


def is_fargate(env: Any) -> bool:
    return "FARGATE" in str((env.compute_resources or {}).get("type", ""))

CORRECTIONS: dict[str, Callable[[], None]] = {}


def correction(name: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    def register(apply: Callable[[], None]) -> Callable[[], None]:
        CORRECTIONS[name] = apply
        return apply

    return register


def wrap(owner: Any, name: str, make: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    """Replaces owner.name by make(original); fails loudly if moto has no such method."""
    original = owner.__dict__.get(name)
    if original is None:
        raise RuntimeError(f"moto {moto.__version__}: {owner.__name__}.{name} not found; the corrections support moto {SUPPORTED_MOTO}x")
    if isinstance(original, staticmethod):
        setattr(owner, name, staticmethod(make(original.__func__)))
    else:
        setattr(owner, name, make(original))


def add(owner: Any, name: str, method: Callable[..., Any]) -> None:
    """Gives owner a method moto lacks (an API it does not implement); fails loudly once moto has one of its own."""
    if name in owner.__dict__ or hasattr(owner, name):
        raise RuntimeError(f"moto {moto.__version__}: {owner.__name__}.{name} exists now; check it before keeping this correction")
    setattr(owner, name, method)


def apply_all(names: list[str] | None = None) -> list[str]:
    if not moto.__version__.startswith(SUPPORTED_MOTO):
        raise RuntimeError(f"moto {moto.__version__} is installed; the corrections are written for moto {SUPPORTED_MOTO}x (pip install 'moto[server]==5.2.1')")
    chosen = list(CORRECTIONS) if names is None else names
    for name in chosen:
        CORRECTIONS[name]()
    return chosen


def is_service_linked_role(arn: str | None) -> bool:
    return bool(arn) and f":role{SERVICE_LINKED_ROLE_PATH}" in arn  # type: ignore[operator]


def service_linked_role(backend: BatchBackend) -> Any:
    """AWSServiceRoleForBatch of the backend's account, created the first time it is needed, as Batch does."""
    iam = backend.iam_backend
    for role in iam.roles.values():
        if role.name == SERVICE_LINKED_ROLE_NAME and role.path == SERVICE_LINKED_ROLE_PATH:
            return role
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "batch.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    return iam.create_role(
        SERVICE_LINKED_ROLE_NAME,
        json.dumps(trust),
        SERVICE_LINKED_ROLE_PATH,
        permissions_boundary=None,
        description="Service-linked role for AWS Batch",
        tags=[],
        max_session_duration="3600",
        linked_service="batch.amazonaws.com",
    )


@correction("service-linked-role")
def _service_linked_role() -> None:
    """
    CreateComputeEnvironment without serviceRole: AWS uses (creating it if
    needed) the service-linked role AWSServiceRoleForBatch and reports its ARN
    as the environment's serviceRole; moto refuses ("ServiceRole is required").
    https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateComputeEnvironment.html (serviceRole)
    The ARN must be exactly arn:aws:iam::<account>:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch:
    the provider treats any other value as a custom role and plans replacements
    where AWS updates in place.
    """

    def make(original: Callable[..., Any]) -> Callable[..., Any]:
        def create_compute_environment(self: BatchBackend, compute_environment_name: str, _type: str, state: str, compute_resources: Any, service_role: str, tags: Any = None) -> Any:
            if not service_role:
                service_role = service_linked_role(self).arn
            return original(self, compute_environment_name, _type, state, compute_resources, service_role, tags)

        return create_compute_environment

    wrap(BatchBackend, "create_compute_environment", make)


DEFAULT_INSTANCE_TYPES = {"default_x86_64": "m6i", "default_arm64": "m6g"}


@correction("default-instance-types")
def _default_instance_types() -> None:
    """
    instanceTypes may be default_x86_64 or default_arm64 (Batch picks from the
    m6i/c6i/r6i/c7i or m6g/c6g/r6g/c7g families); moto only knows optimal.
    https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeResource.html (instanceTypes)
    They are stored and described as given; only moto's validation and its
    choice of simulated instances see a family in their place.
    """

    def validate(original: Callable[..., Any]) -> Callable[..., Any]:
        def _validate_compute_resources(self: BatchBackend, cr: dict[str, Any]) -> Any:
            types = cr.get("instanceTypes")
            if types and any(t in DEFAULT_INSTANCE_TYPES for t in types):
                cr = {**cr, "instanceTypes": [DEFAULT_INSTANCE_TYPES.get(t, t) for t in types]}
            return original(self, cr)

        return _validate_compute_resources

    def find(original: Callable[..., Any]) -> Callable[..., Any]:
        def find_min_instances_to_meet_vcpus(instance_types: list[str], target: float) -> Any:
            return original([DEFAULT_INSTANCE_TYPES.get(t, t) for t in instance_types], target)

        return find_min_instances_to_meet_vcpus

    wrap(BatchBackend, "_validate_compute_resources", validate)
    wrap(BatchBackend, "find_min_instances_to_meet_vcpus", find)


def _update_policy(value: Any) -> dict[str, Any]:
    """An UpdatePolicy with AWS's defaults filled in, or ClientException."""
    if not isinstance(value, dict):
        raise ClientException("updatePolicy must be an object")
    minutes = value.get("jobExecutionTimeoutMinutes", 30)
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 360:
        raise ClientException(f"updatePolicy.jobExecutionTimeoutMinutes must be between 1 and 360, got {minutes!r}")
    terminate = value.get("terminateJobsOnUpdate", False)
    if not isinstance(terminate, bool):
        raise ClientException(f"updatePolicy.terminateJobsOnUpdate must be a boolean, got {terminate!r}")
    return {"terminateJobsOnUpdate": terminate, "jobExecutionTimeoutMinutes": minutes}


@correction("update-policy")
def _update_policy_correction() -> None:
    """
    UpdateComputeEnvironment's updatePolicy is stored and returned by
    DescribeComputeEnvironments; moto drops it, so every plan after apply
    shows update_policy changing. A Fargate environment refuses it, as in AWS.
    https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdateComputeEnvironment.html (updatePolicy)
    https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdatePolicy.html (defaults: false, 30 minutes; 1-360)
    https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeEnvironmentDetail.html (updatePolicy)
    https://docs.aws.amazon.com/batch/latest/userguide/updating-compute-environments.html (what Fargate can update)
    """

    def update(original: Callable[..., Any]) -> Callable[..., Any]:
        def updatecomputeenvironment(self: BatchResponse) -> str:
            given = self._get_param("updatePolicy")
            policy = _update_policy(given) if given is not None else None
            target = self.batch_backend.get_compute_environment(self._get_param("computeEnvironment"))
            if policy is not None and target is not None and is_fargate(target):
                raise ClientException(FARGATE_NOT_UPDATABLE)
            result = original(self)
            if policy is not None:
                env = self.batch_backend.get_compute_environment(self._get_param("computeEnvironment"))
                env.update_policy = policy  # type: ignore[union-attr]
            return result

        return updatecomputeenvironment

    def describe(original: Callable[..., Any]) -> Callable[..., Any]:
        def describe_compute_environments(self: BatchBackend, environments: Any = None) -> list[dict[str, Any]]:
            result = original(self, environments)
            for detail in result:
                env = self.get_compute_environment_by_arn(detail["computeEnvironmentArn"])
                if env is not None and getattr(env, "update_policy", None):
                    detail["updatePolicy"] = dict(env.update_policy)
            return result

        return describe_compute_environments

    wrap(BatchResponse, "updatecomputeenvironment", update)
    wrap(BatchBackend, "describe_compute_environments", describe)


def _merged_resources(current: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """ComputeResourceUpdate applied to a ComputeResource: given members replace; '' removes the optional ones AWS lets you remove."""
    merged = dict(current)
    for key, value in update.items():
        if key == "updateToLatestImageVersion":
            continue  # an instruction, not part of ComputeResource
        if key in ("ec2KeyPair", "imageId", "placementGroup") and value == "":
            merged.pop(key, None)
        elif key == "launchTemplate" and not (value.get("launchTemplateId") or value.get("launchTemplateName")):
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


@correction("update-compute-resources")
def _update_compute_resources() -> None:
    """
    UpdateComputeEnvironment's computeResources change the environment; moto
    ignores them, so an in-place edit never reaches the emulator's state.
    https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdateComputeEnvironment.html (computeResources)
    https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeResourceUpdate.html
    AWS's rules come with it: a Fargate environment updates only
    desiredvCpus/maxvCpus/minvCpus/subnets/securityGroupIds; on EC2/SPOT any
    change beyond the vCPUs is an infrastructure update, only allowed with the
    AWSServiceRoleForBatch service-linked role and a BEST_FIT_PROGRESSIVE,
    SPOT_CAPACITY_OPTIMIZED or SPOT_PRICE_CAPACITY_OPTIMIZED strategy; and a
    service-linked role cannot be swapped for a regular role or back.
    https://docs.aws.amazon.com/batch/latest/userguide/updating-compute-environments.html (Fargate)
    https://docs.aws.amazon.com/batch/latest/userguide/scaling-updates.html
    https://docs.aws.amazon.com/batch/latest/userguide/infrastructure-updates.html
    """

    def make(original: Callable[..., Any]) -> Callable[..., Any]:
        def update_compute_environment(self: BatchBackend, compute_environment_name: str, state: Any, compute_resources: Any, service_role: Any) -> Any:
            env = self.get_compute_environment(compute_environment_name)
            merged = None
            if env is not None and service_role is not None and is_service_linked_role(service_role) != is_service_linked_role(env.service_role):
                raise ClientException(
                    f"Cannot change serviceRole of {env.name} from {env.service_role} to {service_role}: "
                    "a compute environment with the service-linked role cannot use a regular IAM role, nor the other way round"
                )
            if env is not None and compute_resources:
                current = env.compute_resources or {}
                if is_fargate(env):
                    if any(k not in FARGATE_SCALING_SETTINGS for k in compute_resources):
                        raise ClientException(FARGATE_NOT_UPDATABLE)
                infrastructure = sorted(k for k in compute_resources if k not in SCALING_SETTINGS)
                if infrastructure and not is_fargate(env):
                    strategies = {current.get("allocationStrategy", "BEST_FIT"), compute_resources.get("allocationStrategy", current.get("allocationStrategy", "BEST_FIT"))}
                    if not is_service_linked_role(env.service_role) or not strategies <= UPDATABLE_STRATEGIES:
                        raise ClientException(
                            f"Cannot update {', '.join(infrastructure)} of compute environment {env.name} in place: infrastructure updates "
                            f"require the {SERVICE_LINKED_ROLE_NAME} service-linked role and an allocation strategy of "
                            f"{', '.join(sorted(UPDATABLE_STRATEGIES))}"
                        )
                merged = _merged_resources(current, compute_resources)
                self._validate_compute_resources(merged)
            result = original(self, compute_environment_name, state, compute_resources, service_role)
            if merged is not None:
                env.compute_resources = merged  # type: ignore[union-attr]
            return result

        return update_compute_environment

    wrap(BatchBackend, "update_compute_environment", make)


def _time_limit_actions(value: Any) -> list[dict[str, Any]]:
    """JobStateTimeLimitAction list as AWS validates it, or ClientException."""
    if not isinstance(value, list):
        raise ClientException("jobStateTimeLimitActions must be a list")
    actions = []
    for i, action in enumerate(value):
        where = f"jobStateTimeLimitActions[{i}]"
        missing = [k for k in ("reason", "state", "maxTimeSeconds", "action") if k not in action]
        if missing:
            raise ClientException(f"{where}: {', '.join(missing)} required")
        if action["state"] != "RUNNABLE":
            raise ClientException(f"{where}.state must be RUNNABLE, got {action['state']!r}")
        if action["action"] not in ("CANCEL", "TERMINATE"):
            raise ClientException(f"{where}.action must be CANCEL or TERMINATE, got {action['action']!r}")
        seconds = action["maxTimeSeconds"]
        if not isinstance(seconds, int) or isinstance(seconds, bool) or not 600 <= seconds <= 86400:
            raise ClientException(f"{where}.maxTimeSeconds must be between 600 and 86400, got {seconds!r}")
        actions.append({k: action[k] for k in ("reason", "state", "maxTimeSeconds", "action")})
    return actions


@correction("job-state-time-limit-actions")
def _job_state_time_limit_actions() -> None:
    """
    CreateJobQueue/UpdateJobQueue's jobStateTimeLimitActions are stored and
    returned by DescribeJobQueues; moto drops them, so every plan after apply
    shows job_state_time_limit_action changing.
    https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateJobQueue.html (jobStateTimeLimitActions)
    https://docs.aws.amazon.com/batch/latest/APIReference/API_JobStateTimeLimitAction.html (RUNNABLE, 600-86400 s, CANCEL)
    https://docs.aws.amazon.com/batch/latest/APIReference/API_JobQueueDetail.html (jobStateTimeLimitActions)
    """

    def after(original: Callable[..., Any], name_param: str) -> Callable[..., Any]:
        def handler(self: BatchResponse) -> str:
            given = self._get_param("jobStateTimeLimitActions")
            actions = _time_limit_actions(given) if given is not None else None
            result = original(self)
            if actions is not None:
                self.batch_backend.get_job_queue(self._get_param(name_param)).job_state_time_limit_actions = actions
            return result

        return handler

    def describe(original: Callable[..., Any]) -> Callable[..., Any]:
        def describe_queue(self: JobQueue) -> dict[str, Any]:
            return {**original(self), "jobStateTimeLimitActions": list(getattr(self, "job_state_time_limit_actions", []))}

        return describe_queue

    wrap(BatchResponse, "createjobqueue", lambda original: after(original, "jobQueueName"))
    wrap(BatchResponse, "updatejobqueue", lambda original: after(original, "jobQueue"))
    wrap(JobQueue, "describe", describe)


@correction("launch-template-tags")
def _launch_template_tags() -> None:
    """
    CreateLaunchTemplate's TagSpecifications tag the launch template itself
    (resource type launch-template); the template's data keeps only
    LaunchTemplateData.TagSpecifications, for the instances and volumes it
    launches. moto copies the template's own tags into its data, so
    DescribeLaunchTemplateVersions shows tag specifications nobody set and the
    provider plans a new version on every apply.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html (TagSpecifications)
    """

    def make(original: Callable[..., Any]) -> Callable[..., Any]:
        def create_launch_template(self: Any, name: str, description: str, template_data: dict[str, Any], tag_spec: dict[str, Any]) -> Any:
            specs = template_data.get("TagSpecifications")
            if tag_spec and specs:
                # moto's response handler appends one entry per resource type of the request, last.
                copied = specs[-len(tag_spec):]
                if [s.get("ResourceType") for s in copied] == list(tag_spec):
                    template_data = {k: v for k, v in template_data.items() if k != "TagSpecifications"}
                    if specs[: -len(tag_spec)]:
                        template_data["TagSpecifications"] = specs[: -len(tag_spec)]
            return original(self, name, description, template_data, tag_spec)

        return create_launch_template

    wrap(LaunchTemplateBackend, "create_launch_template", make)


@correction("delete-rules")
def _delete_rules() -> None:
    """
    Deletes AWS refuses and moto allows:
    - a compute environment must be DISABLED and used by no job queue
      (AWS: "Cannot delete, found existing JobQueue relationship")
      https://docs.aws.amazon.com/batch/latest/APIReference/API_DeleteComputeEnvironment.html
    - a job queue must be DISABLED
      https://docs.aws.amazon.com/batch/latest/APIReference/API_DeleteJobQueue.html
    - a scheduling policy must be used by no job queue
      https://docs.aws.amazon.com/batch/latest/APIReference/API_DeleteSchedulingPolicy.html
    """

    def compute_environment(original: Callable[..., Any]) -> Callable[..., Any]:
        def delete_compute_environment(self: BatchBackend, compute_environment_name: str) -> Any:
            env = self.get_compute_environment(compute_environment_name) if compute_environment_name else None
            if env is not None:
                if env.state != "DISABLED":
                    raise ClientException(f"Cannot delete compute environment {env.name} in state {env.state}: disable it first (UpdateComputeEnvironment state=DISABLED)")
                if any(env in queue.environments for queue in self._job_queues.values()):
                    raise ClientException("Cannot delete, found existing JobQueue relationship")
            return original(self, compute_environment_name)

        return delete_compute_environment

    def job_queue(original: Callable[..., Any]) -> Callable[..., Any]:
        def delete_job_queue(self: BatchBackend, queue_name: str) -> Any:
            queue = self.get_job_queue(queue_name)
            if queue is not None and queue.state != "DISABLED":
                raise ClientException(f"Cannot delete job queue {queue.name} in state {queue.state}: disable it first (UpdateJobQueue state=DISABLED)")
            return original(self, queue_name)

        return delete_job_queue

    def scheduling_policy(original: Callable[..., Any]) -> Callable[..., Any]:
        def delete_scheduling_policy(self: BatchBackend, arn: str) -> Any:
            users = [queue.name for queue in self._job_queues.values() if queue.schedule_policy == arn]
            if users:
                raise ClientException(f"Cannot delete scheduling policy {arn}: it is used by job queue(s) {', '.join(users)}")
            return original(self, arn)

        return delete_scheduling_policy

    wrap(BatchBackend, "delete_compute_environment", compute_environment)
    wrap(BatchBackend, "delete_job_queue", job_queue)
    wrap(BatchBackend, "delete_scheduling_policy", scheduling_policy)


@correction("share-identifier")
def _share_identifier() -> None:
    """
    SubmitJob's shareIdentifier must be given when the job queue has a
    fair-share scheduling policy, and must not be given when it has none;
    moto ignores it. The job then reports it (JobDetail.shareIdentifier).
    https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html (shareIdentifier)
    https://docs.aws.amazon.com/batch/latest/APIReference/API_JobDetail.html (shareIdentifier)
    """

    def submit(original: Callable[..., Any]) -> Callable[..., Any]:
        def submitjob(self: BatchResponse) -> str:
            share = self._get_param("shareIdentifier")
            queue = self.batch_backend.get_job_queue(self._get_param("jobQueue"))
            if queue is not None and queue.schedule_policy and not share:
                raise ClientException(f"Job queue {queue.name} has a fair-share scheduling policy: shareIdentifier is required")
            if queue is not None and not queue.schedule_policy and share:
                raise ClientException(f"Job queue {queue.name} has no fair-share scheduling policy: do not specify shareIdentifier")
            result = original(self)
            if share:
                self.batch_backend.get_job_by_id(json.loads(result)["jobId"]).share_identifier = share
            return result

        return submitjob

    def describe(original: Callable[..., Any]) -> Callable[..., Any]:
        def describe_job(self: Job) -> dict[str, Any]:
            detail = original(self)
            if getattr(self, "share_identifier", None):
                detail["shareIdentifier"] = self.share_identifier
            return detail

        return describe_job

    wrap(BatchResponse, "submitjob", submit)
    wrap(Job, "describe", describe)


@correction("scheduling-priority")
def _scheduling_priority() -> None:
    """
    RegisterJobDefinition's schedulingPriority (0-9999, for jobs in fair-share
    queues) is stored on the revision and returned by DescribeJobDefinitions;
    moto drops it, so every plan after apply shows scheduling_priority changing.
    https://docs.aws.amazon.com/batch/latest/APIReference/API_RegisterJobDefinition.html (schedulingPriority)
    https://docs.aws.amazon.com/batch/latest/APIReference/API_JobDefinition.html (schedulingPriority)
    """

    def register(original: Callable[..., Any]) -> Callable[..., Any]:
        def registerjobdefinition(self: BatchResponse) -> str:
            priority = self._get_param("schedulingPriority")
            if priority is not None and (not isinstance(priority, int) or isinstance(priority, bool) or not 0 <= priority <= 9999):
                raise ClientException(f"schedulingPriority must be between 0 and 9999, got {priority!r}")
            result = original(self)
            if priority is not None:
                self.batch_backend.get_job_definition_by_arn(json.loads(result)["jobDefinitionArn"]).scheduling_priority = priority
            return result

        return registerjobdefinition

    def describe(original: Callable[..., Any]) -> Callable[..., Any]:
        def describe_job_definition(self: JobDefinition) -> dict[str, Any]:
            detail = original(self)
            if getattr(self, "scheduling_priority", None) is not None:
                detail["schedulingPriority"] = self.scheduling_priority
            return detail

        return describe_job_definition

    wrap(BatchResponse, "registerjobdefinition", register)
    wrap(JobDefinition, "describe", describe)


@correction("placement-groups")
def _placement_groups() -> None:
    """
    EC2 placement groups: moto 5.2.1 has no CreatePlacementGroup,
    DescribePlacementGroups or DeletePlacementGroup at all (every call fails),
    so a stack with a cluster placement group cannot apply. The emulator
    answers them as the EC2 API reference describes:
    - CreatePlacementGroup takes GroupName, Strategy (cluster, spread,
      partition), PartitionCount (partition only, 1-7), SpreadLevel (spread
      only) and TagSpecifications (resource type placement-group); a second
      group of the same name is refused (InvalidPlacementGroup.Duplicate).
      The group is `available` at once (AWS: pending, then available).
    - DescribePlacementGroups by GroupNames or GroupIds (an unknown one:
      InvalidPlacementGroup.Unknown) or every group, with the filters
      group-name, group-id, strategy and state.
    - DeletePlacementGroup by GroupName (unknown: InvalidPlacementGroup.Unknown).
      AWS refuses a group with running instances (InvalidPlacementGroup.InUse);
      the emulator launches no instances into groups, so it never applies.
    Not modelled: tagging a group after it is created (CreateTags on pg-...
    ids; moto does not know the prefix), which the project's stacks never do.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreatePlacementGroup.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribePlacementGroups.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeletePlacementGroup.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html (InvalidPlacementGroup.*)
    """

    def groups(response: Any) -> dict[str, dict[str, Any]]:
        """The placement groups of the request's account and region, by name."""
        backend = response.ec2_backend
        if "_emulator_placement_groups" not in backend.__dict__:
            backend._emulator_placement_groups = {}
        return backend._emulator_placement_groups

    def unknown(name: str) -> EC2ClientError:
        return EC2ClientError("InvalidPlacementGroup.Unknown", f"The Placement Group '{name}' is unknown.")

    def create_placement_group(self: Any) -> ActionResult:
        name = self._get_param("GroupName")
        strategy = self._get_param("Strategy")
        partitions = self._get_int_param("PartitionCount")
        spread_level = self._get_param("SpreadLevel")
        if not name:
            raise EC2ClientError("MissingParameter", "The request must contain the parameter groupName")
        if strategy not in ("cluster", "spread", "partition"):
            raise EC2ClientError("InvalidParameterValue", f"Value ({strategy}) for parameter strategy is invalid.")
        if partitions is not None and (strategy != "partition" or not 1 <= partitions <= 7):
            raise EC2ClientError("InvalidParameterValue", f"Value ({partitions}) for parameter partitionCount is invalid.")
        if spread_level is not None and strategy != "spread":
            raise EC2ClientError("InvalidParameterValue", f"Value ({spread_level}) for parameter spreadLevel is invalid.")
        existing = groups(self)
        if name in existing:
            raise EC2ClientError("InvalidPlacementGroup.Duplicate", f"The Placement Group '{name}' already exists.")
        tags = self._parse_tag_specification("placement-group").get("placement-group", {})
        self.error_on_dryrun()
        group = {
            "GroupName": name,
            "GroupId": f"pg-{mock_random.get_random_hex(17)}",
            "GroupArn": f"arn:aws:ec2:{self.region}:{self.current_account}:placement-group/{name}",
            "State": "available",
            "Strategy": strategy,
            **({"PartitionCount": partitions or 2} if strategy == "partition" else {}),
            **({"SpreadLevel": spread_level or "rack"} if strategy == "spread" else {}),
            "Tags": [{"Key": k, "Value": v} for k, v in tags.items()],
        }
        existing[name] = group
        return ActionResult({"PlacementGroup": group})

    def describe_placement_groups(self: Any) -> ActionResult:
        existing = groups(self)
        names = self._get_param("GroupNames", [])
        ids = self._get_param("GroupIds", [])
        found = list(existing.values())
        for name in names:
            if name not in existing:
                raise unknown(name)
        for group_id in ids:
            if not any(g["GroupId"] == group_id for g in found):
                raise EC2ClientError("InvalidPlacementGroupId.NotFound", f"The placement group ID '{group_id}' does not exist")
        if names:
            found = [g for g in found if g["GroupName"] in names]
        if ids:
            found = [g for g in found if g["GroupId"] in ids]
        fields = {"group-name": "GroupName", "group-id": "GroupId", "strategy": "Strategy", "state": "State"}
        for key, values in self._filters_from_querystring().items():
            if key in fields:
                found = [g for g in found if g[fields[key]] in values]
        return ActionResult({"PlacementGroups": found})

    def delete_placement_group(self: Any) -> ActionResult:
        name = self._get_param("GroupName")
        existing = groups(self)
        if name not in existing:
            raise unknown(name)
        self.error_on_dryrun()
        del existing[name]
        return EmptyResult()

    add(EC2Response, "create_placement_group", create_placement_group)
    add(EC2Response, "describe_placement_groups", describe_placement_groups)
    add(EC2Response, "delete_placement_group", delete_placement_group)


@correction("node-properties")
def _node_properties() -> None:
    """
    A multi-node parallel job definition (type multinode) is registered with
    nodeProperties (numNodes, mainNode, nodeRangeProperties), and
    DescribeJobDefinitions returns them. moto 5.2.1 stores them (its jobs use
    them) but leaves them out of the description, so the provider reads
    node_properties back as empty and every plan after apply wants a new
    revision.
    https://docs.aws.amazon.com/batch/latest/APIReference/API_RegisterJobDefinition.html (nodeProperties)
    https://docs.aws.amazon.com/batch/latest/APIReference/API_JobDefinition.html (nodeProperties)
    """

    def describe(original: Callable[..., Any]) -> Callable[..., Any]:
        def describe_job_definition(self: JobDefinition) -> dict[str, Any]:
            detail = original(self)
            if self.node_properties is not None and "nodeProperties" not in detail:
                detail["nodeProperties"] = self.node_properties
            return detail

        return describe_job_definition

    wrap(JobDefinition, "describe", describe)


@correction("efs-file-system-policy-delete")
def _efs_file_system_policy_delete() -> None:
    """
    DeleteFileSystemPolicy removes a file system's policy (the file system
    then falls back to EFS's default policy: full access for any client that
    can reach a mount target); an unknown file system is FileSystemNotFound.
    moto 5.2.1 has PutFileSystemPolicy and DescribeFileSystemPolicy but no
    DeleteFileSystemPolicy: its server answers HTTP 500, which the provider
    retries for its whole timeout, so no stack with an EFS file system policy
    can be destroyed.
    https://docs.aws.amazon.com/efs/latest/ug/API_DeleteFileSystemPolicy.html
    """

    def delete_file_system_policy(self: Any) -> Any:
        file_system_id = self._get_param("FileSystemId")
        file_system = self.efs_backend.file_systems_by_id.get(file_system_id)
        if file_system is None:
            raise FileSystemNotFound(file_system_id)
        file_system.file_system_policy = None
        return json.dumps({}), {"status": 200, "Content-Type": "application/json"}

    add(EFSResponse, "delete_file_system_policy", delete_file_system_policy)
