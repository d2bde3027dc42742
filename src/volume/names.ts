// Volume names as Docker's local driver accepts them.
import { invalidArgument } from '../errdefs';

const VALID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function validateVolumeName(name: string): void {
  if (name.length === 1) {
    throw invalidArgument(`volume name is too short, names should be at least two alphanumeric characters`);
  }
  if (!VALID.test(name)) {
    throw invalidArgument(
      `"${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
    );
  }
}
