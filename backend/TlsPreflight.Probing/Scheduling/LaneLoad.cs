namespace TlsPreflight.Probing.Scheduling;

/// <summary>What a lane holds right now: items running and waiting, address gates in use, requesters with work.</summary>
public sealed record LaneLoad(int Running, int Queued, int BusyGates, int Requesters);
