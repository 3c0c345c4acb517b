using System;

namespace NetGen.Samples.FashionMnist;

/// <summary>The data set asked for is not where the options say; the message tells how to get it.</summary>
internal sealed class DataMissingException(string message) : Exception(message);
