/**
 * @module The vault's own record of every approval request it issued, kept where a person does not
 * edit (`.ai-employee/approvals/`). A file in `Approved/` that this registry never issued is a forgery;
 * one whose payload hash differs from the issued one was edited; the issued expiry cannot be extended.
 */
import path from "node:path";
import { writeFileAtomic } from "../vault/atomic-write.js";
import { INTERNAL_FOLDER } from "../vault/folders.js";
import { readJson } from "./audit-files.js";

export interface IssuedRequest {
  id: string;
  server: string;
  tool: string;
  payload_sha256: string;
  created: string;
  expires: string;
  origin: "employee" | "outside_client";
  task: string | null;
  /** The request note's file name, to find it again in whatever folder a person moved it to. */
  file: string;
}

export interface ApprovalRegistry {
  /** Records a request once; `replace` only when re-filing the same id after a crash part-way through. */
  issue(request: IssuedRequest, options?: { replace?: boolean }): Promise<void>;
  get(id: string): Promise<IssuedRequest | undefined>;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,80}$/;

export function createApprovalRegistry(vaultRoot: string): ApprovalRegistry {
  const directory = path.join(vaultRoot, INTERNAL_FOLDER, "approvals");
  const file = (id: string) => path.join(directory, `${id}.json`);
  return {
    async issue(request, options = {}) {
      await writeFileAtomic(file(request.id), JSON.stringify(request), {
        exclusive: options.replace !== true,
      });
    },
    async get(id) {
      if (!SAFE_ID.test(id)) return undefined;
      return readJson<IssuedRequest>(file(id));
    },
  };
}
