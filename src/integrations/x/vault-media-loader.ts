/**
 * @module Reads an image a post should carry from the vault. The path comes from a proposal (possibly
 * shaped by outside text), so it is confined to the vault, must be a regular file, is sniffed for its
 * real type rather than trusted by extension, and is bounded in size.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DataError } from "../../governance/errors/data-error.js";
import { resolveVaultFile } from "../../vault/vault-file.js";

export interface MediaFile {
  /** The file's base name, for people and for the dry-run rendering. */
  name: string;
  mediaType: string;
  data: Uint8Array;
}

export type MediaLoader = (vaultPath: string) => Promise<MediaFile>;

/** X's limits for images and animated GIFs (video needs asynchronous processing and is not offered). */
export const X_MEDIA_LIMITS: Readonly<Record<string, number>> = {
  "image/jpeg": 5 * 1024 * 1024,
  "image/png": 5 * 1024 * 1024,
  "image/webp": 5 * 1024 * 1024,
  "image/gif": 15 * 1024 * 1024,
};
const LARGEST_MEDIA_BYTES = Math.max(...Object.values(X_MEDIA_LIMITS));

export function createVaultMediaLoader(vaultRoot: string): MediaLoader {
  return async (vaultPath) => {
    const { real, size } = await resolveVaultFile(vaultRoot, vaultPath, "media file");
    if (size > LARGEST_MEDIA_BYTES) {
      throw new DataError(`The media file "${vaultPath}" is too large for X (${size} bytes).`);
    }
    const data = new Uint8Array(await readFile(real));
    const { fileTypeFromBuffer } = await import("file-type");
    const type = await fileTypeFromBuffer(data);
    const limit = type ? X_MEDIA_LIMITS[type.mime] : undefined;
    if (!type || limit === undefined) {
      throw new DataError(
        `The media file "${vaultPath}" is not a JPEG, PNG, WebP or GIF image; X posts here take only those.`,
      );
    }
    if (data.byteLength > limit) {
      throw new DataError(
        `The media file "${vaultPath}" is larger than X allows for ${type.mime} (${limit} bytes).`,
      );
    }
    return { name: path.basename(real), mediaType: type.mime, data };
  };
}
