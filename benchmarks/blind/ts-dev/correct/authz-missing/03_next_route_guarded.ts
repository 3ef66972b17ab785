import { NextResponse } from "next/server";
import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

export async function POST(request: Request, { params }: { params: { orgId: string } }) {
  const session = await auth();
  if (!session?.user?.id) {
    return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  }
  const membership = await prisma.membership.findUnique({
    where: { orgId_userId: { orgId: params.orgId, userId: session.user.id } },
  });
  if (!membership || !["owner", "billing"].includes(membership.role)) {
    return NextResponse.json({ error: "forbidden" }, { status: 403 });
  }

  const { planId, seats } = (await request.json()) as { planId: string; seats: number };
  if (!Number.isInteger(seats) || seats < 1 || seats > 5000) {
    return NextResponse.json({ error: "invalid seats" }, { status: 400 });
  }
  const org = await prisma.org.update({
    where: { id: params.orgId },
    data: { planId, seats },
    select: { id: true, planId: true, seats: true },
  });
  return NextResponse.json(org);
}

export const runtime = "nodejs";
