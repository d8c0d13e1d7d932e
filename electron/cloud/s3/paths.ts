/**
 * Where an object's bytes live on disk. A key that reads as a clean relative path is stored at
 * `<s3Root>/<bucket>/<key>`, so students can open the lake in a file browser; any other key is
 * still a valid S3 key (S3 accepts any UTF-8) but its bytes go under an internal name, so no key
 * can ever reach outside its bucket's folder.
 */

/** Folders of the S3 root the store owns; bucket names cannot start with a dot, so they never clash. */
export const INTERNAL_OBJECTS_DIR = '.iotlab-objects';
export const INTERNAL_UPLOADS_DIR = '.iotlab-uploads';
export const STAGING_DIR = '.iotlab-tmp';

const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Control characters are legal in POSIX names but unreadable in every file browser.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function isCleanSegment(segment: string, platform: NodeJS.Platform): boolean {
  if (segment === '' || segment === '.' || segment === '..') return false;
  if (segment.includes('\\') || CONTROL.test(segment)) return false;
  // Most file systems cap a name at 255 bytes.
  if (Buffer.byteLength(segment, 'utf8') > 255) return false;
  if (platform === 'win32') {
    if (WINDOWS_FORBIDDEN.test(segment) || WINDOWS_DEVICE.test(segment)) return false;
    if (segment.endsWith('.') || segment.endsWith(' ')) return false;
  }
  return true;
}

/**
 * The key as a relative path below its bucket's folder (`/`-separated), or undefined when the key
 * cannot be one: empty, `.` or `..` segments, a leading, doubled or trailing `/`, NUL or other
 * control characters, backslashes, over-long names, or names the platform forbids.
 */
export function naturalRelativePath(
  key: string,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const segments = key.split('/');
  return segments.every((segment) => isCleanSegment(segment, platform)) ? key : undefined;
}

/**
 * The form two paths share when a case-insensitive or normalizing file system (macOS, Windows, a
 * FAT USB stick) would take them for the same file: `Data.json` and `data.json` must not share a body.
 */
export function foldPath(relativePath: string): string {
  return relativePath.normalize('NFC').toLowerCase();
}

/** Folders above a path: `a/b/c` → `a`, `a/b`. */
export function ancestorFolders(relativePath: string): string[] {
  const segments = relativePath.split('/');
  return segments.slice(0, -1).map((_, index) => segments.slice(0, index + 1).join('/'));
}
