namespace Pmo.Generator;

/// <summary>
/// What the generator has already booked on each resource, per working day, in hundredths of a unit.
/// Staffing looks here first, like a resource manager would, so over-allocation comes from the
/// experts everyone books anyway and from the odd team with nobody free, not from blind chance.
/// </summary>
internal sealed class ResourceBook
{
    private readonly ushort[][] _booked;
    private readonly int[] _capacity;

    public ResourceBook(int[] capacityHundredths)
    {
        _capacity = capacityHundredths;
        _booked = new ushort[capacityHundredths.Length][];
        Array.Fill(_booked, []);
    }

    public bool Fits(int resource, int start, int duration, int units)
    {
        var days = _booked[resource];
        var end = Math.Min(start + duration, days.Length);
        for (var day = start; day < end; day++)
            if (days[day] + units > _capacity[resource]) return false;
        return units <= _capacity[resource];
    }

    public void Book(int resource, int start, int duration, int units)
    {
        var days = _booked[resource];
        if (days.Length < start + duration)
        {
            // Grown on demand: most resources are busy over a year or two, not the whole horizon.
            Array.Resize(ref days, Math.Max(start + duration, Math.Max(64, days.Length * 2)));
            _booked[resource] = days;
        }
        for (var day = start; day < start + duration; day++)
            days[day] = (ushort)Math.Min(ushort.MaxValue, days[day] + units);
    }
}
