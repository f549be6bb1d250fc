#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The C maths library in one place, so the module stays free of Foundation.
enum CMath {
    static func exp(_ x: Double) -> Double {
        #if canImport(Glibc)
            Glibc.exp(x)
        #else
            Darwin.exp(x)
        #endif
    }

    static func log(_ x: Float) -> Float {
        #if canImport(Glibc)
            Glibc.logf(x)
        #else
            Darwin.logf(x)
        #endif
    }

    static func pow(_ x: Float, _ y: Float) -> Float {
        #if canImport(Glibc)
            Glibc.powf(x, y)
        #else
            Darwin.powf(x, y)
        #endif
    }

    static func exp(_ x: Float) -> Float {
        #if canImport(Glibc)
            Glibc.expf(x)
        #else
            Darwin.expf(x)
        #endif
    }
}
