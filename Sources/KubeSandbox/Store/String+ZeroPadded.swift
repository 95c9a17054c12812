extension String {
    /// The digits of `value` in `radix` (lowercase), padded with zeros to `width`: what
    /// `String(format: "%0*d")` and `"%0*x"` give, without the cost of a format string (timestamps,
    /// generated names and container IDs are made on every controller write).
    init(zeroPadded value: some BinaryInteger, width: Int, radix: Int = 10) {
        let digits = String(value, radix: radix)
        self = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
