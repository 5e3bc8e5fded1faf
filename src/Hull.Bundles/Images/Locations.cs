using Hull.Oci.References;

namespace Hull.Bundles.Images;

/// <summary>Parsing of image locations given on the command line.</summary>
public static class Locations
{
    /// <summary>Parses a location given on the command line, naming the flag in errors.</summary>
    public static ImageLocation Parse(string text, string what)
    {
        try
        {
            return ImageLocation.Parse(text);
        }
        catch (ReferenceFormatException ex)
        {
            throw new BundleException($"{what} '{text}': {ex.Message}", ex);
        }
    }
}
