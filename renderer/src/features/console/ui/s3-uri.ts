/** `s3://bucket` or `s3://bucket/prefix/`: a bucket name as S3 allows it, then any key prefix. */
export const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
