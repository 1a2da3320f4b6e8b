import { Skeleton } from "@/components/span-detail/skeleton";

export default function Loading() {
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(300px,2fr)_3fr]">
      <Skeleton label="Loading the span tree" lines={10} />
      <Skeleton label="Loading the span" lines={14} />
    </div>
  );
}
