using Hull.Oci.References;

namespace Hull.Oci.Tests;

/// <summary>The real registry that scripts/test.sh starts; its address comes from HULL_TEST_REGISTRY.</summary>
public static class TestRegistry
{
    /// <summary>host:port of the test registry.</summary>
    public static string Host => RegistryUnderTest.Host;

    /// <summary>A repository name no other test uses.</summary>
    public static string UniqueRepository(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A tagged reference to a fresh repository on the test registry.</summary>
    public static ImageReference UniqueReference(string prefix, string tag = "v1") =>
        ImageReference.Parse($"{Host}/{UniqueRepository(prefix)}:{tag}");
}
