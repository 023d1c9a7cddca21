// The parts of the domain most test classes open, and the invariant culture their figures are parsed in.
global using System.Globalization;
global using Pmo.Domain.Catalog;
global using Pmo.Domain.Documents;
global using Pmo.Domain.Scheduling;
