using System;

namespace NetGen.Samples.FashionMnist;

/// <summary>A command-line mistake; the program prints the message and exits with code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
