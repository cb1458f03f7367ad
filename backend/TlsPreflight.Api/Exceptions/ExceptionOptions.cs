namespace TlsPreflight.Api.Exceptions;

/// <summary>`Exceptions`: limits that keep one user from flooding the admins with requests.</summary>
public sealed class ExceptionOptions
{
    public const string SectionName = "Exceptions";

    /// <summary>A reason is a short plain-text note (issue 14: at most 500 characters).</summary>
    public const int MaxReasonLength = 500;
    public const int MaxAnswerLength = 500;

    /// <summary>Open requests one user may have at a time.</summary>
    public int MaxPendingPerUser { get; set; } = 5;
    /// <summary>Requests one user may make in 24 hours, whatever became of them.</summary>
    public int MaxPerUserPerDay { get; set; } = 20;
    /// <summary>How long a sender's request state is reused by their assessments: the most another instance's
    /// answer to a request can be missed by in the task pane (the policy grant itself is confirmed every few seconds).</summary>
    public TimeSpan RequestStateFreshness { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest exception an admin can approve.</summary>
    public int MaxDays { get; set; } = 90;
}
