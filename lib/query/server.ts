import { cache } from "react";
import { makeQueryClient } from "./client";

/** One QueryClient per server request, shared by the layout and page that prefetch into it. */
export const serverQueryClient = cache(makeQueryClient);
