// The password format of features.md §1, mirrored from the server for instant feedback:
// 8–32 half-width letters, digits and symbols (printable ASCII without the space).
export const passwordPattern = /^[\x21-\x7e]{8,32}$/;
