import BlueGreen
