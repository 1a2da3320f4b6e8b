"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import { backendStatus } from "./status";

/** The header's live status: which Opik, and whether it answers now. */
export const checkBackend = action(z.undefined(), () => backendStatus());
