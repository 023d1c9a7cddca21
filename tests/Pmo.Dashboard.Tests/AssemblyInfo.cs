// Browser tests start real hosts and a browser; on a small machine running two collections at once
// only makes both slow and timing-sensitive.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
