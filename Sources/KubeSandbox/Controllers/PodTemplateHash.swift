/// The `pod-template-hash` of a pod template: FNV-1a (32 bit) over the template's canonical JSON
/// and the collision count, printed in decimal and mapped onto the consonant alphabet the real
/// controller uses (`rand.SafeEncodeString`), so names look like `web-7d4b9c8f6d`.
enum PodTemplateHash {
    static func compute(_ template: JSON, collisionCount: Int?) -> String {
        var hash: UInt32 = 2_166_136_261
        func feed(_ bytes: [UInt8]) {
            for byte in bytes {
                hash ^= UInt32(byte)
                hash = hash &* 16_777_619
            }
        }
        feed(canonical(template.droppingNulls))
        if let collisionCount { feed(Array(String(collisionCount).utf8)) }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String(String(hash).unicodeScalars.map { alphabet[Int($0.value) % alphabet.count] })
    }

    /// JSON with object keys sorted, so that member order does not change the hash.
    static func canonical(_ value: JSON) -> [UInt8] {
        switch value {
        case .object(let object):
            let sorted = object.members.sorted { $0.key < $1.key }
            var bytes: [UInt8] = [UInt8(ascii: "{")]
            for (index, member) in sorted.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONWriter.writeString(member.key, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                bytes += canonical(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
            return bytes
        case .array(let items):
            var bytes: [UInt8] = [UInt8(ascii: "[")]
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes += canonical(item)
            }
            bytes.append(UInt8(ascii: "]"))
            return bytes
        default:
            return value.bytes
        }
    }

    /// A template without the hash label, for comparing a ReplicaSet's template with its Deployment's.
    static func withoutHash(_ template: JSON) -> JSON {
        var copy = template.droppingNulls
        copy.setValue(nil, at: ["metadata", "labels", "pod-template-hash"])
        if copy.value(at: ["metadata", "labels"])?.objectValue?.isEmpty == true { copy.setValue(nil, at: ["metadata", "labels"]) }
        return copy
    }
}
