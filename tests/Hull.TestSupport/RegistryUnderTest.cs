namespace Hull.TestSupport;

/// <summary>The real registry scripts/test.sh starts; its address comes from HULL_TEST_REGISTRY.</summary>
public static class RegistryUnderTest
{
    /// <summary>host:port of the test registry; fails the test with what to do when it is not set.</summary>
    public static string Host =>
        Environment.GetEnvironmentVariable("HULL_TEST_REGISTRY")
        ?? throw new InvalidOperationException("HULL_TEST_REGISTRY is not set: run the tests with scripts/test.sh, which starts the registry");

    /// <summary>A repository name on the test registry that no other test uses: <c>HOST/PREFIX-GUID</c>.</summary>
    public static string UniqueRepository(string prefix) => $"{Host}/{prefix}-{Guid.NewGuid():N}";
}
