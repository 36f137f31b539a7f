public enum DocGenKitVersion { public static let value = "0.1.0" }
