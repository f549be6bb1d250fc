print("gfl")
