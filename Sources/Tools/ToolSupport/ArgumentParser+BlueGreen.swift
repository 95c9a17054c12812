import ArgumentParser
import BlueGreen

extension CapacityPolicy: ExpressibleByArgument {}
extension RegistryAuth: ExpressibleByArgument {}
