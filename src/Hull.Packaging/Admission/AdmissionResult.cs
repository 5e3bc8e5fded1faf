namespace Hull.Packaging.Admission;

/// <summary>The API server's answer to creating one resource.</summary>
/// <param name="Rejection">The error, as kapp reports it; null when admitted or when the type is unknown.</param>
/// <param name="TypeNotFound">No built-in kind and no known CRD: another installation may still provide the CRD.</param>
public sealed record AdmissionResult(string? Rejection, bool TypeNotFound)
{
    /// <summary>Created.</summary>
    public static readonly AdmissionResult Admitted = new(null, false);

    /// <summary>Its type is not known yet.</summary>
    public static readonly AdmissionResult NoType = new(null, true);

    /// <summary>Refused with <paramref name="message"/>.</summary>
    public static AdmissionResult Rejected(string message) => new(message, false);
}
