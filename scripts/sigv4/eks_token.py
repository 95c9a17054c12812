#!/usr/bin/env python3
"""Prints the EKS bearer token that the AWS CLI (`aws eks get-token`) makes for the given
credentials, cluster, region and signing time, using awscli's own TokenGenerator.

    eks_token.py '{"accessKeyId": "...", "secretAccessKey": "...", "sessionToken": null,
                   "cluster": "prod", "region": "eu-west-1", "date": 1440938160}'
"""

import datetime
import json
import sys

import botocore.auth
import botocore.session
from awscli.customizations.eks.get_token import STSClientFactory, TokenGenerator


def main():
    arguments = json.loads(sys.argv[1])
    when = datetime.datetime.fromtimestamp(arguments["date"], tz=datetime.timezone.utc).replace(tzinfo=None)
    botocore.auth.get_current_datetime = lambda *args, **kwargs: when
    session = botocore.session.get_session()
    session.set_credentials(arguments["accessKeyId"], arguments["secretAccessKey"], arguments.get("sessionToken"))
    client = STSClientFactory(session).get_sts_client(region_name=arguments["region"])
    print(TokenGenerator(client).get_token(arguments["cluster"]))


if __name__ == "__main__":
    main()
