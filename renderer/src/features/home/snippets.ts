import type { CloudEndpoints } from '../../api/contract';

/** A word the shell keeps as is; anything else single-quoted (POSIX) or double-quoted (PowerShell). */
function posixWord(value: string): string {
  return /^[\w.:/@+-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The AWS CLI against the local cloud: the lab's credentials in the environment, the endpoint on
 * the command line. PowerShell on Windows, a POSIX shell elsewhere.
 */
export function awsCliSnippet(endpoints: CloudEndpoints, platform: string): string {
  const { endpoint, region, credentials } = endpoints;
  const variables: [string, string][] = [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
    ['AWS_DEFAULT_REGION', region],
  ];
  const setVariables =
    platform === 'win32'
      ? variables.map(([name, value]) => `$env:${name} = "${value.replaceAll('"', '`"')}"`)
      : variables.map(([name, value]) => `export ${name}=${posixWord(value)}`);
  return [
    ...setVariables,
    '',
    `aws --endpoint-url ${endpoint} sts get-caller-identity`,
    `aws --endpoint-url ${endpoint} s3 ls`,
  ].join('\n');
}

function pythonString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** boto3 against the local cloud; path-style addressing, as the local S3 serves no bucket host names. */
export function boto3Snippet(endpoints: CloudEndpoints): string {
  const { endpoint, region, credentials } = endpoints;
  return [
    'import boto3',
    'from botocore.config import Config',
    '',
    's3 = boto3.client(',
    "    's3',",
    `    endpoint_url=${pythonString(endpoint)},`,
    `    aws_access_key_id=${pythonString(credentials.accessKeyId)},`,
    `    aws_secret_access_key=${pythonString(credentials.secretAccessKey)},`,
    `    region_name=${pythonString(region)},`,
    "    config=Config(s3={'addressing_style': 'path'}),",
    ')',
    "print(s3.list_buckets()['Buckets'])",
  ].join('\n');
}
