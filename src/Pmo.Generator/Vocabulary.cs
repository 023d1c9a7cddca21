namespace Pmo.Generator;

/// <summary>
/// Enterprise words the generator composes names from. Fixed lists rather than Bogus for the
/// high-volume names (tasks): they read like a real plan, and each string is shared by every
/// project that uses it, which keeps an XL document's memory modest.
/// </summary>
internal static class Vocabulary
{
    public static readonly string[] BusinessUnits =
    [
        "Operations", "Finance", "Digital", "Supply Chain", "Human Resources", "Sales", "Marketing",
        "Customer Service", "Manufacturing", "Research & Development", "Legal & Compliance", "IT",
        "Procurement", "Logistics", "Risk", "Corporate Strategy",
    ];

    public static readonly string[] Regions = ["EMEA", "Americas", "APAC", "Nordics", "DACH", "LATAM"];

    public static readonly string[] ProgrammeThemes =
    [
        "Modernisation", "Automation", "Cloud Migration", "Customer Experience", "Cost Optimisation",
        "Data & Analytics", "Regulatory Change", "Growth", "Resilience", "Sustainability", "Integration",
        "Self-Service", "Workplace", "Security", "Shared Services",
    ];

    /// <summary>Resource pools with their relative share of headcount.</summary>
    public static readonly (string Pool, int Weight)[] Pools =
    [
        ("Data", 12), ("Platform", 14), ("Finance", 7), ("Design", 8), ("QA", 10), ("Field Ops", 8),
        ("Security", 5), ("Infrastructure", 9), ("Business Analysis", 10), ("Change Management", 5),
        ("Procurement", 4), ("Project Management", 8),
    ];

    public static readonly string[] Systems =
    [
        "ERP", "CRM", "HR", "Payroll", "Billing", "Data warehouse", "Data lake", "Customer portal",
        "Supplier portal", "Intranet", "Mobile app", "E-commerce platform", "Warehouse management",
        "Transport management", "Service desk", "Identity and access", "Network", "Telephony",
        "Document management", "Treasury", "Procurement", "Asset management", "Field service",
        "Point of sale", "Loyalty", "Pricing engine", "Demand forecasting", "BI", "Email",
        "Collaboration suite", "Backup", "Data centre", "Contact centre", "Expense management",
    ];

    public static readonly string[] SystemActions =
    [
        "upgrade", "rollout", "migration", "replacement", "consolidation", "modernisation", "integration",
        "implementation", "redesign", "cloud migration", "decommissioning", "harmonisation", "refresh",
    ];

    public static readonly string[] AreaInitiatives =
    [
        "process automation", "cost reduction", "self-service", "analytics", "quality improvement",
        "reporting overhaul", "shared services setup", "operating model redesign", "lean transformation",
        "controls remediation", "policy refresh", "capability uplift", "outsourcing review", "KPI framework",
    ];

    public static readonly string[] RetailInitiatives =
    [
        "online store launch", "category expansion", "assortment review", "marketplace launch",
        "click-and-collect rollout", "pricing review", "range relaunch", "subscription offer",
    ];

    public static readonly string[] VendorInitiatives =
    [
        "vendor onboarding", "integration", "contract transition", "acquisition integration",
        "supplier integration", "outsourcing transition", "partnership launch",
    ];

    public static readonly string[] SiteInitiatives =
    [
        "warehouse fit-out", "office move", "distribution centre opening", "plant retooling",
        "store refurbishment", "site consolidation", "depot expansion", "lab relocation",
    ];

    public static readonly string[] NameSuffixes =
    [
        " phase 2", " phase 3", " wave 2", " (EMEA)", " (Americas)", " (APAC)", " pilot",
    ];

    public static readonly string[] InitiationTasks =
    [
        "Business case", "Project charter", "Stakeholder analysis", "Scope definition", "Kick-off",
        "Risk assessment", "Budget approval", "Resource plan", "Vendor shortlist", "Feasibility study",
    ];

    public static readonly string[] DesignTasks =
    [
        "Requirements workshops", "Current-state assessment", "Solution architecture", "Data model",
        "Integration design", "UX prototypes", "Security design", "Process design",
        "Technical specification", "Vendor selection", "Test strategy", "Migration approach",
    ];

    public static readonly string[] BuildTasks = BuildTaskNames();

    public static readonly string[] TestTasks =
    [
        "System testing", "Integration testing", "Performance testing", "Security testing",
        "User acceptance testing", "Regression testing", "Defect resolution", "Data migration rehearsal",
        "Operational acceptance", "Accessibility review",
    ];

    public static readonly string[] DeployTasks =
    [
        "End-user training", "Cutover planning", "Production data migration", "Go-live readiness review",
        "Deployment", "Hypercare", "Handover to operations", "Communications", "Legacy decommissioning",
        "Lessons learned",
    ];

    public static readonly string[][] PhaseTasks = [InitiationTasks, DesignTasks, BuildTasks, TestTasks, DeployTasks];

    private static string[] BuildTaskNames()
    {
        string[] verbs = ["Build", "Configure", "Develop", "Integrate", "Customise"];
        string[] parts =
        [
            "billing module", "order management", "reporting", "customer portal", "payments interface",
            "notifications", "search", "authentication", "pricing rules", "workflow engine", "master data",
            "dashboards", "mobile screens", "API gateway", "batch jobs", "data pipelines", "access roles",
            "print templates",
        ];
        var names = new List<string>
        {
            "Environment setup", "Infrastructure provisioning", "Data migration scripts", "Data cleansing",
            "Interface development",
        };
        foreach (var verb in verbs)
            foreach (var part in parts)
                names.Add($"{verb} {part}");
        return names.ToArray();
    }
}
