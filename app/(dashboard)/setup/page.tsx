import type { Metadata } from "next";
import { requestBackendStatus } from "@/lib/backend/status";
import { SetupPanel } from "../_components/setup-panel";

export const metadata: Metadata = { title: "Setup" };

export default async function SetupPage() {
  return <SetupPanel status={await requestBackendStatus()} />;
}
