"""Runs IAM calls through boto3 and prints what boto3 returned, as JSON, for test/cli/boto3.test.ts.

Usage: python3 boto3-steps.py ENDPOINT_URL < steps.json

Each step is {"name", "op", "params"?, "paginate"?, "credentials"?, "service"?} (service: "iam",
the default, or "sts"; credentials may carry a SessionToken). A value {"$ref": "step.a.b"}
is replaced with that path in an earlier step's result, so a step can use a key another created.
Credentials default to AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the environment.
The output maps each step name to {"result": dict} or {"error": ClientError.response["Error"],
"status": HTTP status, "text": str(ClientError)}; ResponseMetadata is left out of results.
"""

import datetime
import json
import os
import sys

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
steps = json.load(sys.stdin)
results = {}


def resolve(value):
    if isinstance(value, dict):
        if set(value) == {"$ref"}:
            name, *path = value["$ref"].split(".")
            node = results[name]["result"]
            for part in path:
                node = node[int(part)] if isinstance(node, list) else node[part]
            return node
        return {key: resolve(item) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve(item) for item in value]
    return value


def client(credentials, service="iam"):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials.get("SessionToken"),
    )


def without_metadata(response):
    return {key: value for key, value in response.items() if key != "ResponseMetadata"}


default_credentials = {
    "AccessKeyId": os.environ["AWS_ACCESS_KEY_ID"],
    "SecretAccessKey": os.environ["AWS_SECRET_ACCESS_KEY"],
}

for step in steps:
    iam = client(resolve(step.get("credentials", default_credentials)), step.get("service", "iam"))
    params = resolve(step.get("params", {}))
    try:
        if "paginate" in step:
            paginator = iam.get_paginator(step["op"])
            pages = paginator.paginate(**params, PaginationConfig=step["paginate"])
            results[step["name"]] = {"result": {"pages": [without_metadata(p) for p in pages]}}
        else:
            response = getattr(iam, step["op"])(**params)
            results[step["name"]] = {"result": without_metadata(response)}
    except ClientError as error:
        results[step["name"]] = {
            "error": error.response["Error"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
            "text": str(error),
        }


def encode(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    # Blobs (a credential report, an MFA seed) as text, one character per byte.
    if isinstance(value, (bytes, bytearray)):
        return value.decode("latin-1")
    raise TypeError(f"cannot encode {type(value)}")


json.dump(results, sys.stdout, default=encode)
