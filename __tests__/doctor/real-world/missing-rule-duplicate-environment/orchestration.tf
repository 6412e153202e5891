resource "aws_iam_role" "step_functions" {
  name = "heatmap-step-functions"

  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Action": "sts:AssumeRole",
      "Principal": { "Service": "states.amazonaws.com" },
      "Effect": "Allow"
    }
  ]
}
EOF
}

resource "aws_sfn_state_machine" "heatmaps" {
  name     = "heatmaps"
  role_arn = aws_iam_role.step_functions.arn

  definition = <<EOF
{
  "StartAt": "Monthly",
  "States": {
    "Monthly": {
      "Type": "Task",
      "Resource": "arn:aws:states:::batch:submitJob.sync",
      "Parameters": {
        "JobName": "monthly-heatmap",
        "JobQueue": "${var.batch_job_queue_id}",
        "JobDefinition": "${aws_batch_job_definition.monthly_heatmap.arn}",
        "Parameters": { "distance_threshold": "30000", "year.$": "$.year", "month.$": "$.month" }
      },
      "Next": "Aggregate"
    },
    "Aggregate": {
      "Type": "Task",
      "Resource": "arn:aws:states:::batch:submitJob.sync",
      "Parameters": {
        "JobName": "aggregate-heatmap",
        "JobQueue": "${var.batch_job_queue_id}",
        "JobDefinition": "${aws_batch_job_definition.aggregate_heatmap.arn}",
        "Parameters": { "heatmaps_store.$": "$.store" }
      },
      "End": true
    }
  }
}
EOF
}
