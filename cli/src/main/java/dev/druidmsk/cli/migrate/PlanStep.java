package dev.druidmsk.cli.migrate;

import dev.druidmsk.cli.druid.ApiCall;

import java.util.List;

/** One step of a migration: what it does and why, and the calls that do it (none for steps left to the operator). */
public record PlanStep(String title, String explanation, List<ApiCall> calls)
{
}
