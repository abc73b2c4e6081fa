terraform {
  # optional() object attributes with defaults need 1.3
  required_version = ">= 1.3"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # logging_config (log_format, log_group) of aws_lambda_function and aws_eks_access_entry: 5.33
      version = ">= 5.33, < 7.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.5"
    }
  }
}

provider "aws" {
  region = var.region
}
